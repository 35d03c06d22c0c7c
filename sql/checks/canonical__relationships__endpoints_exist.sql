-- Referential integrity: every relationship's owner and subject is an entity
-- some source describes (registers add a referenced-only row for endpoints
-- they name but do not describe). Returns the dangling endpoints.
with relationships as (
    select * from canonical.relationships
),

entities as (
    select distinct entity_id from canonical.entities
),

endpoints as (
    select relationship_id, source, 'owner' as side, owner_id as entity_id
    from relationships
    union all
    select relationship_id, source, 'subject' as side, subject_id as entity_id
    from relationships
)

select p.*
from endpoints as p
anti join entities as e on e.entity_id = p.entity_id
order by p.source, p.relationship_id, p.side
