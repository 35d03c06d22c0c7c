-- Every compared name with its normalised keys: the keys of each distinct
-- (name, person) come from the temporary `normalised_names` (keys.py), joined
-- back to every record that carries the name. A name that normalises to
-- nothing has no keys row, and so no row here.
with names as (
    select * from resolve.names
),

final as (
    select
        n.entity_id,
        n.name_rank,
        n.name,
        n.strong,
        k.core,
        k.compact,
        k.tokens,
        k.forms,
        k.block_tokens,
        k.script
    from names as n
    inner join normalised_names as k on k.name = n.name and k.person = n.person
)

select * from final
