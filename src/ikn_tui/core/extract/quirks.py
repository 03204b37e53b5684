"""Portal quirks: the few rules that hold for one portal only, in one table.

Everything else in extraction works from patterns shared by many portals.
A rule belongs here only when a portal's markup says something false that
no general rule can see through. Each entry names the portal and shows the
markup it corrects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ikn_tui.core.extract.dom import host_name


@dataclass(frozen=True, slots=True)
class PortalQuirks:
    """What to correct on one portal's pages."""

    # <meta> names whose ISO time ends in "Z" but is really Jakarta wall time.
    local_time_z_meta: frozenset[str] = field(default_factory=frozenset)


NO_QUIRKS = PortalQuirks()

# Keyed by registrable host; sub-sites (news., inet., health.) share their portal's entry.
QUIRKS: dict[str, PortalQuirks] = {
    # detik.com: <meta name="pubdate" content="2015-11-05 T10:08:58Z"> and "datecreated" carry
    # WIB wall time labelled "Z" (the page shows "Kamis, 05/11/2015 10:08 WIB"; dtk:publishdate
    # and JSON-LD say 10:08:58+07:00). Read as UTC they come out 7 hours late.
    "detik.com": PortalQuirks(local_time_z_meta=frozenset({"pubdate", "datecreated"})),
}


def quirks_for(url: str | None) -> PortalQuirks:
    """The quirks of the portal ``url`` belongs to (none for unknown hosts)."""
    host = host_name(url)
    if not host:
        return NO_QUIRKS
    host = host.lower()
    for portal, quirks in QUIRKS.items():
        if host == portal or host.endswith("." + portal):
            return quirks
    return NO_QUIRKS
