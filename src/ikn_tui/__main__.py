from ikn_tui.cli.main import run

raise SystemExit(run())
