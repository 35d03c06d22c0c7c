"""opensanctions: the SQL that turns Sanction entities into list memberships.

Run by ftm_batch.py on each batch (``batch_sanctions``, ``sanction_sources``,
then MEMBERSHIPS into ``memberships_all``) and once at the end
(MEMBERSHIPS_FINAL). ``dataset_lists`` holds data/reference/
opensanctions_datasets.csv: (dataset, program_id or '', list_code or null).
The macro ``ftm_day`` is defined in ftm_sql.MACROS.
"""

from __future__ import annotations

# The batch's Sanctions, and one row per Sanction x dataset x programId (null when none).
SANCTION_SOURCES = """
create or replace temp table batch_sanctions as
select line, properties as p, datasets from batch where schema = 'Sanction';
create or replace temp table sanction_sources as
with by_dataset as (
    select line, p, unnest(coalesce(datasets, [null::varchar])) as dataset
    from batch_sanctions
)
select line, dataset,
    unnest(coalesce(p['programId'], [null::varchar])) as program_id
from by_dataset
"""

SANCTION_DATASETS = """
select dataset, program_id, min(line) as line
from sanction_sources
group by dataset, program_id
"""

# Memberships: the list of each (dataset, programId), the entity of each
# `entity` value, one row per `program` value (null when none). listed_on is
# the earliest listingDate, else the earliest startDate; delisted_on the
# latest endDate (dates stated to the day only).
MEMBERSHIPS = """
insert into memberships_all
with s as (
    select * from batch_sanctions
),
dates as (
    select line,
        coalesce(
            list_min([ftm_day(v) for v in coalesce(p['listingDate'], [])]),
            list_min([ftm_day(v) for v in coalesce(p['startDate'], [])])
        ) as listed_on,
        list_max([ftm_day(v) for v in coalesce(p['endDate'], [])]) as delisted_on
    from s
),
lists as (
    select distinct src.line, l.list_code
    from sanction_sources as src
    inner join dataset_lists as l
        on l.dataset = src.dataset
        and (l.program_id = '' or l.program_id = src.program_id)
    where l.list_code is not null
),
targets as (select line, unnest(p['entity']) as key from s),
programs as (select line, unnest(coalesce(p['program'], [null::varchar])) as program from s)
select t.key, l.list_code, pr.program, d.listed_on, d.delisted_on,
    null::varchar as delisting_reason, t.line
from targets as t
inner join lists as l on l.line = t.line
inner join programs as pr on pr.line = t.line
inner join dates as d on d.line = t.line
where t.key is not null and t.key <> ''
"""

# Several Sanctions of one entity, list and program are one membership: still
# listed if any of them states no end.
MEMBERSHIPS_FINAL = """
select key, list_code, program, min(listed_on) as listed_on,
    case when bool_or(delisted_on is null) then null else max(delisted_on) end as delisted_on,
    null::varchar as delisting_reason,
    min(record_line) as record_line
from memberships_all
group by key, list_code, program
order by key, list_code, program
"""
