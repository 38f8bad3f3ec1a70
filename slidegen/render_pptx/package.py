"""The written package: the same lesson gives the same bytes. Decides the build time stamped in the
document properties and on every zip entry (SOURCE_DATE_EPOCH, else a fixed date), and rewrites
python-pptx's archive with those stamps and fixed permissions."""
from __future__ import annotations

import datetime as dt
import io
import os
import zipfile


def build_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else a fixed date: the same lesson gives the
    same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime(2000, 1, 1)


def reproducible_zip(data: bytes) -> bytes:
    """The same archive with fixed entry timestamps (python-pptx stamps the current time)."""
    stamp = build_time()
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, zin.read(item.filename))
    return out.getvalue()
