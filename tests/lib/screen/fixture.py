"""Published versions for screening tests, written with pyarrow as the publish
step writes them: ``denylist.parquet`` and ``names.parquet`` (the contract)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

VERSION = "20261205T080000Z-cn_control+listed"
# entity_id, name, kind, policy, status, basis, path, identifiers, countries
DENYLIST = (
    ("lei-bytedance-beijing", "Beijing ByteDance Technology Co Ltd", "company", "cn_control",
     "definite", "headquarters", "Beijing ByteDance Technology Co Ltd (HQ CN)",
     "lei:5493ABCDEFGH00000001; cn-uscc:91110000MA01ABCD1X", "CN"),
    ("lei-bytedance-ltd", "ByteDance Ltd.", "company", "cn_control", "definite", "control",
     "ByteDance Ltd. (KY) -[controlled by]-> Beijing ByteDance Technology Co Ltd (HQ CN)",
     "lei:5493ABCDEFGH00000002", "KY; CN"),
    ("lei-bytedance-ltd", "ByteDance Ltd.", "company", "listed", "possible", "listed",
     "ByteDance Ltd. (listed: us_csl)", "lei:5493ABCDEFGH00000002", "KY; CN"),
    ("lei-zijie-media", "Shanghai Zijie Media Co., Ltd.", "company", "cn_control", "definite",
     "headquarters", "Shanghai Zijie Media Co., Ltd. (HQ CN)", "lei:5493ABCDEFGH00000003",
     "CN"),
    ("lei-bytewise", "Bytewise Dance Studios Limited", "company", "listed", "definite",
     "listed", "Bytewise Dance Studios Limited (listed: gb_ofsi)", "gb-coh:01234567", "GB"),
    ("lei-tencent", "Tencent Holdings Limited", "company", "cn_control", "definite",
     "headquarters", "Tencent Holdings Limited (HQ CN)", "lei:254900N4SLLK4BJ5VW09", "CN; KY"),
    ("lei-tencent-music", "Tencent Music Entertainment Group", "company", "cn_control",
     "definite", "control", "Tencent Music Entertainment Group (KY) -[controlled by]-> "
     "Tencent Holdings Limited (HQ CN)", "lei:549300ZCMH3RNDXJ6L08", "KY"),
    ("ofac-12345", "PETROV, Ivan Sergeyevich", "person", "listed", "definite", "listed",
     "PETROV, Ivan Sergeyevich (listed: us_ofac_sdn [RUSSIA-EO14024])", "ofac:12345", "RU"),
    ("ofac-23456", "Ocean Star 7 Shipping Limited", "company", "listed", "definite", "listed",
     "Ocean Star 7 Shipping Limited (listed: us_ofac_sdn [IRAN])", "ofac:23456; imo:9123456",
     "IR"),
    ("ofac-34567", "Ocean Star 8 Shipping Limited", "company", "listed", "definite", "listed",
     "Ocean Star 8 Shipping Limited (listed: us_ofac_sdn [IRAN])", "ofac:34567; imo:9234567",
     "AE"),
)
# entity_id, name, name_type, script
NAMES = (
    ("lei-bytedance-beijing", "北京字节跳动科技有限公司", "legal_name", "han"),
    ("lei-bytedance-beijing", "Beijing Zijie Tiaodong Keji Youxian Gongsi", "transliterated",
     "latin"),
    ("lei-bytedance-beijing", "Beijing ByteDance Technology Co Ltd", "primary", "latin"),
    ("lei-bytedance-ltd", "ByteDance Ltd.", "primary", "latin"),
    ("lei-bytedance-ltd", "字节跳动有限公司", "alias", "han"),
    ("lei-zijie-media", "上海字节传媒有限公司", "legal_name", "han"),
    ("lei-zijie-media", "Shanghai Zijie Media Co., Ltd.", "primary", "latin"),
    ("lei-bytewise", "Bytewise Dance Studios Limited", "primary", "latin"),
    ("lei-tencent", "Tencent Holdings Limited", "primary", "latin"),
    ("lei-tencent", "腾讯控股有限公司", "legal_name", "han"),
    ("lei-tencent-music", "Tencent Music Entertainment Group", "primary", "latin"),
    ("ofac-12345", "PETROV, Ivan Sergeyevich", "primary", "latin"),
    ("ofac-12345", "Петров Иван Сергеевич", "alias", "cyrillic"),
    ("ofac-23456", "Ocean Star 7 Shipping Limited", "primary", "latin"),
    ("ofac-34567", "Ocean Star 8 Shipping Limited", "primary", "latin"),
)


def denylist_table() -> pa.Table:
    columns = list(zip(*DENYLIST, strict=True))
    return pa.table({
        "entity_id": columns[0], "name": columns[1], "kind": columns[2], "policy": columns[3],
        "status": columns[4], "basis": columns[5],
        "risk_sources": ["" if b == "listed" else "root" for b in columns[5]],
        "path": columns[6], "identifiers": columns[7], "countries": columns[8],
        "stake_lo": pa.array([None] * len(DENYLIST), pa.float64()),
        "stake_hi": pa.array([None] * len(DENYLIST), pa.float64()),
        "source_records": ["fixture"] * len(DENYLIST), "as_of": ["2026-12-05"] * len(DENYLIST),
    })


def names_table() -> pa.Table:
    columns = list(zip(*NAMES, strict=True))
    return pa.table({"entity_id": columns[0], "name": columns[1], "name_type": columns[2],
                     "script": columns[3]})


def write_version(published: Path, *, with_names: bool = True) -> Path:
    """``published/<VERSION>/`` with a ``latest`` link to it, as the publish step leaves it."""
    version = published / VERSION
    version.mkdir(parents=True)
    pq.write_table(denylist_table(), version / "denylist.parquet")
    if with_names:
        pq.write_table(names_table(), version / "names.parquet")
    (published / "latest").symlink_to(VERSION)
    return published
