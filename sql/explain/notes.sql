-- What else bears on an entity: cautions per policy, data-quality flags and
-- possible resolution matches (policy null when it applies to every policy).
with cautions as (
    select * from policy.cautions
),

flags as (
    select * from policy.data_quality
),

possible_same_as as (
    select * from resolve.possible_same_as
),

final as (
    select policy, 'caution' as kind, detail || ' (' || owner_id || ')' as note
    from cautions where entity_id = $entity
    union all
    select null, 'data quality', detail from flags where entity_id = $entity
    union all
    select null, 'possible match',
        printf('possibly the same as %s (score %.2f): %s',
            case when left_id = $entity then right_id else left_id end, score, detail)
    from possible_same_as where $entity in (left_id, right_id)
)

select * from final
order by kind, policy, note
