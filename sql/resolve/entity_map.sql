-- Which canonical entity each source record belongs to. Until entity
-- resolution lands (issue 5) every record is its own entity; the graph and
-- everything after it already read canonical ids through this table.
with entities as (
    select * from canonical.entities
),

final as (
    select
        entity_id,
        entity_id as canonical_id,
        'self' as method
    from entities
)

select * from final
