-- Which canonical entity each source record belongs to. Until entity
-- resolution lands (issue 5) every record is its own entity; the graph and
-- everything after it already read canonical ids through this table.
with entities as (
    select * from canonical.entities
),

-- An entity id that several source records describe (a company in the basic
-- company data and in a PSC filing) maps once: a repeated row here would
-- repeat every edge of that entity in the graph.
final as (
    select distinct
        entity_id,
        entity_id as canonical_id,
        'self' as method
    from entities
)

select * from final
