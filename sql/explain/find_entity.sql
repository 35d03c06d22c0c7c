-- The graph nodes a user's query names: a canonical id, any source record's
-- entity id, an identifier written scheme:value (lei:…, gb-coh:…), or a name
-- (case-insensitive, exact).
with nodes as (
    select * from graph.nodes
),

entity_map as (
    select * from resolve.entity_map
),

identifiers as (
    select * from canonical.identifiers
),

by_id as (
    select node_id, 'id' as how from nodes where node_id = $query
    union
    select canonical_id, 'source record' from entity_map where entity_id = $query
),

by_identifier as (
    select m.canonical_id as node_id, 'identifier ' || i.scheme || ':' || i.value as how
    from identifiers as i
    inner join entity_map as m on m.entity_id = i.entity_id
    where lower(i.scheme) = lower(split_part($query, ':', 1))
        and upper(replace(i.value, ' ', '')) = upper(replace(
            substr($query, length(split_part($query, ':', 1)) + 2), ' ', ''
        ))
),

by_name as (
    select node_id, 'name' as how from nodes where lower(name) = lower($query)
),

final as (
    select * from by_id
    union
    select * from by_identifier
    union
    select * from by_name
)

select f.node_id, string_agg(distinct f.how, ', ') as how, any_value(n.name) as name
from final as f
left join nodes as n on n.node_id = f.node_id
group by f.node_id
order by f.node_id
