"""The handbook's edition date: the one moment every output that needs a date uses.

Builds must come out byte for byte the same whenever their inputs are the same, so no output
reads the machine's clock. The edition date is ``SOURCE_DATE_EPOCH`` when set (the
reproducible-builds convention); otherwise the latest date the organization's own data records
(a session in ``calendario``, a follow-up in ``mapa_sistema.seguimientos``), at midnight UTC;
otherwise none, and outputs that would show it leave it out.
"""

from __future__ import annotations

import os
from datetime import datetime, time, timezone

from generator.contract.models import OrganizationData

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def source_date_epoch() -> datetime | None:
    """``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), when set to a number."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc) if epoch.isdigit() else None


def edition_date(org: OrganizationData) -> datetime | None:
    if (epoch := source_date_epoch()) is not None:
        return epoch
    fechas = [e.fecha for e in org.calendario if e.fecha]
    if org.mapa_sistema:
        fechas += [s.fecha for s in org.mapa_sistema.seguimientos if s.fecha]
    if not fechas:
        return None
    return datetime.combine(max(fechas), time.min, tzinfo=timezone.utc)
