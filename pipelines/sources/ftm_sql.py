"""opensanctions: the SQL of one batch of FtM lines (DuckDB, run by ftm_batch.py).

A batch arrives as ``raw_lines`` (line, text). Each line is parsed once by
``json_transform_strict``, which refuses a line lacking a member or with a
member of the wrong JSON type (properties that are not an object of lists,
a target that is no boolean); FALLBACK diagnoses the lines it refuses. Both
read a scalar where a string belongs (a property value written as a JSON
number) as its JSON text: the value is kept as published. The entities live
in the temporary table ``batch``; every staging table is a select from it.
The statements are built from ftm_tables.py, so columns and SQL cannot
drift apart; no value from the file is ever pasted into SQL.
"""

from __future__ import annotations

import json

from pipelines.sources.ftm_tables import (
    COUNTRY_PROPERTIES,
    DATE_PROPERTIES,
    ENTITIES,
    OWNERSHIPS,
    RECORD_TABLES,
    SCHEMA_TABLES,
    TOP_LEVEL,
    RecordTable,
)

RECORD_TYPE = json.dumps({
    "id": "VARCHAR", "caption": "VARCHAR", "schema": "VARCHAR",
    "properties": "MAP(VARCHAR, VARCHAR[])", "referents": ["VARCHAR"], "datasets": ["VARCHAR"],
    "first_seen": "VARCHAR", "last_seen": "VARCHAR", "last_change": "VARCHAR",
    "target": "BOOLEAN",
})  # fmt: skip
# Properties an entity of a schema cannot do without (FtM `required`).
REQUIRED = {
    "Sanction": ("entity",),
    "Ownership": ("owner", "asset"),
    "Directorship": ("director", "organization"),
}


def _quoted(values: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"'{value}'" for value in values)


# An FtM date: a year, a month or a day, perhaps with a time; plausible years only.
MACROS = """
create or replace macro ftm_date_ok(v) as
    regexp_full_match(v, '[0-9]{4}(-[0-9]{2}(-[0-9]{2}([T ][0-9:.+Z-]*)?)?)?')
    and try_cast(left(v, 4) as int) between 1800 and 2100
    and (length(v) < 7 or try_cast(substr(v, 6, 2) as int) between 1 and 12)
    and (length(v) < 10 or try_cast(left(v, 10) as date) is not null);
create or replace macro ftm_day(v) as
    case when length(v) >= 10 and ftm_date_ok(v) then try_cast(left(v, 10) as date) end;
"""

# `keys` > 10: the line has a member this parser does not know. No filter
# here (a WHERE before the transform doubles its cost): FALLBACK sorts out
# blank lines.
PARSE = f"""
create or replace temp table parsed as
select line, try(json_transform_strict(text, '{RECORD_TYPE}')) as r,
    try(len(json_keys(text))) as keys
from raw_lines
"""

_PATHS = [f"$.{member}" for member in TOP_LEVEL]
# Lines the strict parse refused: why ('blank line': skipped), or (reason
# null) the entity read leniently, when only optional members are missing.
FALLBACK = f"""
with refused as (
    select l.line, l.text, try(json_type(l.text)) as root,
        try(json_type(l.text, {_PATHS})) as t,
        try(json_type(l.text, '$.properties.*')) as values
    from raw_lines as l
    inner join parsed as p on p.line = l.line
    where p.r is null
)
select line, case
        when trim(text) = '' then 'blank line'
        when root is null then 'invalid JSON'
        when root <> 'OBJECT' then 'not a JSON object'
        when t[1] is distinct from 'VARCHAR' then 'no id string'
        when t[3] is distinct from 'VARCHAR' then 'no schema string'
        when t[4] not in ('OBJECT', 'NULL') then 'properties is not an object'
        when t[2] not in ('VARCHAR', 'NULL') or t[7] not in ('VARCHAR', 'NULL')
            or t[8] not in ('VARCHAR', 'NULL') or t[9] not in ('VARCHAR', 'NULL')
            then 'caption, first_seen, last_seen or last_change is not a string'
        when t[5] not in ('ARRAY', 'NULL') or t[6] not in ('ARRAY', 'NULL')
            then 'referents or datasets is not a list'
        when t[10] not in ('BOOLEAN', 'NULL') then 'target is not a boolean'
        when list_bool_or([v not in ('ARRAY', 'NULL') for v in values])
            then 'a property value is not a list'
    end as reason,
    try(json_transform(text, '{RECORD_TYPE}')) as r
from refused
"""

# The entities of the batch, flattened once: the lines the strict parse took
# and those FALLBACK read leniently.
BATCH = """
create or replace temp table batch as
select line, keys, r.* from parsed where r is not null
union all by name
select line, keys, r.*
from (
    select f.line, p.keys, f.r
    from fallback as f
    inner join parsed as p on p.line = f.line
    where f.reason is null
)
"""

_REQUIRED_CHECKS = "\n            ".join(
    f"when schema = '{schema}' and ("
    + " or ".join(f"coalesce(len(properties['{prop}']), 0) = 0" for prop in props)
    + f") then '{schema} without {' or '.join(props)}'"
    for schema, props in REQUIRED.items()
)
# Entities that cannot stand: an empty id or schema, a required property
# missing, an id seen before (in this batch or an earlier one).
INVALID = f"""
create or replace temp table invalid as
with reasons as (
    select line, 'duplicate id' as reason
    from (select line, row_number() over (partition by id order by line) as n from batch)
    where n > 1
    union all
    select b.line, 'duplicate id' as reason
    from batch as b
    semi join seen_ids as s on s.id = b.id
    union all
    select line, case
            when coalesce(id, '') = '' or coalesce(schema, '') = '' then 'empty id or schema'
            {_REQUIRED_CHECKS}
        end as reason
    from batch
    where coalesce(id, '') = '' or coalesce(schema, '') = ''
        or schema in ({_quoted(list(REQUIRED))})
)
select line, min(reason) as reason
from reasons
where reason is not null
group by line
"""

UNKNOWN_KEYS = f"""
select line, unnest(list_filter(json_keys(text), lambda k: k not in ({_quoted(TOP_LEVEL)})))
    as key
from raw_lines
where line in (select line from parsed where keys > {len(TOP_LEVEL)})
    or line in (select line from fallback where reason is null)
"""


def record_select(table: RecordTable) -> str:
    """The rows of one staging table: top-level members, mapped properties, the rest."""
    props = ",\n    ".join(
        f"b.properties['{prop}'] as {column}" for prop, column in table.properties
    )
    mapped = _quoted([prop for prop, _ in table.properties])
    stakes, join = "", ""
    if table is OWNERSHIPS:
        stakes = "s.stake_lo, s.stake_hi, s.lo_inclusive, s.hi_inclusive,"
        join = "left join ownership_stakes as s on s.line = b.line"
    return f"""
select b.id, b.schema, b.caption, b.datasets, b.referents, b.target,
    b.first_seen, b.last_seen, b.last_change,
    {props},
    {stakes}
    map_from_entries(list_filter(map_entries(b.properties), lambda e: e.key not in ({mapped})))
        as other_properties,
    b.line as record_line
from batch as b
{join}
where b.schema in ({_quoted(table.schemata)})
"""


OTHER_SCHEMATA = f"""
select schema, count(*) as entities, min(line) as line
from batch
where schema not in ({_quoted(list(SCHEMA_TABLES))})
group by schema
"""

_CODE_LISTS = ", ".join(f"properties['{prop}']" for prop in COUNTRY_PROPERTIES)
COUNTRY_CODES = f"""
select code, min(line) as line
from (
    select line, unnest(list_concat({_CODE_LISTS})) as code
    from batch
    where schema in ({_quoted([*ENTITIES.schemata, "Address"])})
)
where code is not null
group by code
"""

_DATE_FIELDS = [f"{schema}.{prop}" for schema, props in DATE_PROPERTIES.items() for prop in props]
# Dates of Sanctions and links that are no FtM date or an implausible one.
BAD_DATES = f"""
with dated as (
    select line, schema || '.' || e.key as field, e.value as dates
    from (
        select line, schema, unnest(map_entries(properties)) as e
        from batch
        where schema in ({_quoted(list(DATE_PROPERTIES))})
    )
),
values as (
    select line, field, unnest(dates) as value
    from dated
    where list_contains([{_quoted(_DATE_FIELDS)}], field)
)
select line, field, value
from values
where value is not null and not coalesce(ftm_date_ok(value), false)
"""

PERCENTAGES = """
select line, unnest(properties['percentage']) as value
from batch
where schema = 'Ownership'
"""

# Parsed shares (table `stakes`, filled from Python) per Ownership line; more
# than one percentage on one Ownership: the interval covering them all.
OWNERSHIP_STAKES = """
create or replace temp table ownership_stakes as
select p.line, min(s.lo) as stake_lo, max(s.hi) as stake_hi,
    arg_min(s.lo_inclusive, s.lo) as lo_inclusive, arg_max(s.hi_inclusive, s.hi) as hi_inclusive
from batch_percentages as p
inner join stakes as s on s.value = p.value
group by p.line
"""

RECORD_SELECTS = {table.name: record_select(table) for table in RECORD_TABLES}
