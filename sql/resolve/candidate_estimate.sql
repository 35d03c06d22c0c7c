-- An upper bound on the candidate pairs, before any is built: each chosen
-- mention key pairs with every other record in its bucket.
with block_keys as (
    select * from resolve.block_keys
),

records as (
    select * from resolve.records
),

mention_keys as (
    select k.entity_id, k.key, k.bucket
    from block_keys as k
    inner join records as r on r.entity_id = k.entity_id
    where r.is_mention
    qualify row_number() over (
        partition by k.entity_id, k.name_rank order by k.bucket, k.key
    ) <= $keys_per_name
)

select coalesce(sum(bucket - 1), 0)::bigint as estimated_pairs, count(*) as mention_keys
from mention_keys
