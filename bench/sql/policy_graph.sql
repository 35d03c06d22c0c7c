-- A synthetic resolved graph at register scale for bench/policy.py, in the
-- warehouse's own shapes (graph.nodes, graph.edges, canonical.list_memberships,
-- resolve.entity_map). Shaped like the real one at scale 1.0: 8.5 million
-- companies and 2.2 million persons; about 10.8 million links: consolidation
-- trees (GLEIF), PSC bands held by persons and companies, exact stakes (BODS,
-- FtM), board and influence rights, ultimate-parent shortcuts; some ended or
-- inactive; 40,000 list memberships; 4% of companies headquartered in China.
create or replace table graph.nodes as
with companies as (
    select i, hash(i, 7) % 100 as h, hash(i, 11) % 100 as h2 from range($companies) as t(i)
),
placed as (
    select i, h2,
        case when h < 4 then 'CN' when h < 5 then 'HK' when h < 15 then 'US-DE'
            when h < 65 then 'GB' when h < 70 then 'KY' when h < 75 then 'SG'
            when h < 85 then 'DE' else 'FR' end as jurisdiction
    from companies
)
select 'c' || i as node_id, 'company' as kind, 'Company ' || i as name, jurisdiction,
    case when jurisdiction = 'KY' and h2 < 30 then 'CN' else split_part(jurisdiction, '-', 1)
    end as hq_country
from placed
union all
select 'p' || i, 'person', 'Person ' || i, null, null from range($persons) as t(i);

create or replace table resolve.entity_map as
select node_id as entity_id, node_id as canonical_id from graph.nodes;

create or replace table graph.edges as
with c as (
    select i, hash(i, 1) as h1, hash(i, 2) as h2, hash(i, 3) as h3, hash(i, 4) as h4
    from range($companies) as t(i)
),
bands as (
    select * from (values (0, 25.0, 50.0), (1, 50.0, 75.0), (2, 75.0, 100.0)) as b(k, lo, hi)
),
consolidation as (
    select 'c' || (i - 1 - h2 % 1000) as owner_id, 'c' || i as subject_id,
        'accounting_consolidation' as basis, 'direct' as direct_or_indirect,
        null::double as stake_lo, null::double as stake_hi, false as lo_inclusive,
        false as hi_inclusive, h3
    from c where h1 % 100 < 30 and i > 1000
),
ultimate as (
    select 'c' || (i - 1 - h2 % 5000), 'c' || i, 'accounting_consolidation', 'indirect',
        null, null, false, false, h3
    from c where h1 % 100 between 30 and 34 and i > 5000
),
person_bands as (
    select 'p' || (c.h2 % $persons), 'c' || c.i, 'shares', 'direct', b.lo, b.hi, false, true, c.h3
    from c inner join bands as b on b.k = c.h4 % 3
    where c.h1 % 100 >= 30
),
company_bands as (
    select 'c' || (c.h3 % $companies), 'c' || c.i, 'shares', 'direct', b.lo, b.hi, false, true,
        c.h2
    from c inner join bands as b on b.k = (c.h4 // 3) % 3
    where c.h4 % 100 < 10
),
exact as (
    select 'c' || (c.h4 % $companies), 'c' || c.i, 'shares', 'direct',
        (c.h2 % 100 + 1)::double, (c.h2 % 100 + 1)::double, true, true, c.h1
    from c where c.h3 % 100 < 10
),
control as (
    select 'c' || (c.h1 % $companies), 'c' || c.i,
        case when c.h2 % 2 = 0 then 'board_appointment' else 'significant_influence' end,
        'direct', null, null, false, false, c.h4
    from c where c.h3 % 100 between 10 and 19 and c.h4 % 100 < 30
),
unioned as (
    select * from consolidation union all select * from ultimate
    union all select * from person_bands union all select * from company_bands
    union all select * from exact union all select * from control
)
select
    'r' || row_number() over () as relationship_id,
    owner_id, subject_id, basis, direct_or_indirect, stake_lo, stake_hi, lo_inclusive,
    hi_inclusive,
    null::date as start_date,
    case when h3 % 100 < 8 then date '2024-06-30' end as end_date,
    case when h3 % 100 between 8 and 9 then 'inactive' else 'active' end as status,
    'bench' as source_type, 'bench' as source, owner_id || '|' || subject_id as source_record,
    'bench' as snapshot_id
from unioned
where owner_id <> subject_id;

create or replace table canonical.list_memberships as
with picks as (
    select i, hash(i, 21) as h from range($listings) as t(i)
)
select
    case when h % 3 = 0 then 'p' || (h // 3 % $persons) else 'c' || (h // 3 % $companies) end
        as entity_id,
    case h % 7 when 0 then 'us_bis_el' when 1 then 'eu_fsf' when 2 then 'gb_hmt'
        when 3 then 'us_ofac_ns_cmic' else 'us_ofac_sdn' end as list_code,
    case when h % 7 >= 4 then (case h % 2 when 0 then 'RUSSIA-EO14024' else 'SDGT' end) end
        as program,
    null::date as listed_on,
    null::date as delisted_on
from picks;

create or replace table resolve.possible_same_as (
    left_id varchar, right_id varchar, score double, detail varchar, records varchar
);
