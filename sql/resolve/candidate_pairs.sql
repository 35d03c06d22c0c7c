-- Candidate pairs: a mention's name and another record's name share one of the
-- mention name's blocking keys (mention_keys.sql), the kinds are compatible and the
-- countries compatible (shared, or unknown on one side). Each pair once,
-- left_id < right_id.
with block_keys as (
    select * from resolve.block_keys
),

records as (
    select * from resolve.records
),

mention_keys as (
    select * from resolve.mention_keys
),

pairs as (
    select distinct
        least(m.entity_id, o.entity_id) as left_id,
        greatest(m.entity_id, o.entity_id) as right_id
    from mention_keys as m
    inner join block_keys as o on o.key = m.key and o.entity_id <> m.entity_id
),

final as (
    select p.left_id, p.right_id
    from pairs as p
    inner join records as a on a.entity_id = p.left_id
    inner join records as b on b.entity_id = p.right_id
    where (a.kind_group = b.kind_group or a.kind_group = 'any' or b.kind_group = 'any')
        and (len(a.countries) = 0 or len(b.countries) = 0
            or len(list_intersect(a.countries, b.countries)) > 0)
)

select * from final
