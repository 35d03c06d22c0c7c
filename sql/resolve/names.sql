-- The names to normalise: every distinct name of every record resolution
-- compares, strong before weak, at most $max_names per entity (a list entry
-- with fifty aliases would otherwise dominate the candidate pairs).
with records as (
    select * from resolve.records
),

names as (
    select * from canonical.names
),

distinct_names as (
    select
        n.entity_id,
        n.name,
        bool_or(n.strength = 'strong') as strong
    from names as n
    inner join records as r on r.entity_id = n.entity_id
    where n.name is not null and trim(n.name) <> ''
    group by n.entity_id, n.name
),

ranked as (
    select
        *,
        row_number() over (
            partition by entity_id order by not strong, length(name), name
        ) as name_rank
    from distinct_names
),

final as (
    select
        r.entity_id,
        r.name_rank,
        r.name,
        r.strong,
        c.kind_group = 'person' as person
    from ranked as r
    inner join records as c on c.entity_id = r.entity_id
    where r.name_rank <= $max_names
)

select * from final
