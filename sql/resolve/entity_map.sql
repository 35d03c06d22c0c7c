-- Which canonical entity each source entity belongs to: every entity of
-- canonical.entities exactly once. Entities resolution did not link map to
-- themselves ('self'); the others name the link that attached them
-- ('identifier', 'judgement' or 'match') and its evidence.
with entities as (
    select distinct entity_id from canonical.entities
),

clustered as (
    select * from clustered
),

final as (
    select
        e.entity_id,
        coalesce(c.canonical_id, e.entity_id) as canonical_id,
        coalesce(c.method, 'self') as method,
        c.detail
    from entities as e
    left join clustered as c on c.entity_id = e.entity_id
)

select * from final
order by entity_id
