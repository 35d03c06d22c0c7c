-- The published denylist: one row per (entity, policy) with everything an
-- enforcement system needs to act and an analyst needs to check: the roots it
-- derives from, a readable witness path, identifiers and countries.
with determinations as (
    select * from policy.determinations
),

paths as (
    select * from policy.paths
),

nodes as (
    select * from graph.nodes
),

edges as (
    select * from graph.edges
),

entity_map as (
    select * from resolve.entity_map
),

identifiers as (
    select * from canonical.identifiers
),

countries as (
    select * from canonical.countries
),

-- Only determined entities need their identifiers and countries gathered.
determined_records as (
    select m.entity_id, m.canonical_id
    from entity_map as m
    where m.canonical_id in (select entity_id from determinations)
),

node_identifiers as (
    select
        m.canonical_id as node_id,
        string_agg(distinct i.scheme || ':' || i.value, '; ' order by i.scheme || ':' || i.value)
            as identifiers
    from identifiers as i
    inner join determined_records as m on m.entity_id = i.entity_id
    where i.is_strong
    group by m.canonical_id
),

node_countries as (
    select
        m.canonical_id as node_id,
        string_agg(distinct c.country, '; ' order by c.country) as countries
    from countries as c
    inner join determined_records as m on m.entity_id = c.entity_id
    group by m.canonical_id
),

edge_labels as (
    select
        relationship_id,
        case
            when basis = 'accounting_consolidation' and direct_or_indirect = 'indirect'
                then 'ultimately consolidated by'
            when basis = 'accounting_consolidation' then 'consolidated by'
            when basis = 'branch' then 'branch of'
            when basis in ('shares', 'votes') then
                (case basis when 'shares' then 'owned ' else 'votes ' end)
                || case
                    when stake_lo is null then '?%'
                    when stake_lo = stake_hi then printf('%g%%', stake_lo)
                    else (case when lo_inclusive then '[' else '(' end)
                        || printf('%g, %g', stake_lo, stake_hi)
                        || (case when hi_inclusive then ']' else ')' end) || '%'
                end || ' by'
            else replace(basis, '_', ' ') || ' by'
        end as label
    from edges
),

-- Why each root is a root ("HQ CN", "listed: us_ofac_sdn [SDGT]").
root_details as (
    select policy, entity_id, detail from determinations where depth = 0
),

path_steps as (
    select
        p.policy,
        p.entity_id,
        p.step,
        n.name
        || case
            when p.relationship_id is null then ' (' || coalesce(r.detail, 'root') || ')'
            else coalesce(' (' || country_of(coalesce(n.jurisdiction, n.hq_country)) || ')', '')
        end
        || coalesce(' -[' || l.label || ']-> ', '') as text
    from paths as p
    inner join nodes as n on n.node_id = p.node_id
    left join edge_labels as l on l.relationship_id = p.relationship_id
    left join root_details as r on r.policy = p.policy and r.entity_id = p.node_id
),

path_text as (
    select policy, entity_id, string_agg(text, '' order by step) as path
    from path_steps
    group by policy, entity_id
),

final as (
    select
        d.entity_id,
        n.name,
        n.kind,
        d.policy,
        d.status,
        d.basis,
        array_to_string(d.risk_sources, '; ') as risk_sources,
        p.path,
        coalesce(i.identifiers, '') as identifiers,
        coalesce(c.countries, '') as countries,
        d.stake_lo,
        d.stake_hi,
        array_to_string(n.entity_ids, '; ') as source_records,
        d.as_of
    from determinations as d
    inner join nodes as n on n.node_id = d.entity_id
    left join path_text as p on p.policy = d.policy and p.entity_id = d.entity_id
    left join node_identifiers as i on i.node_id = d.entity_id
    left join node_countries as c on c.node_id = d.entity_id
)

select * from final
order by policy, entity_id
