-- The keys each mention name blocks on: its $keys_per_name rarest keys (the
-- rarest are the most telling, and the cheapest to pair).
with block_keys as (
    select * from resolve.block_keys
),

records as (
    select * from resolve.records
),

final as (
    select k.entity_id, k.name_rank, k.key, k.bucket
    from block_keys as k
    inner join records as r on r.entity_id = k.entity_id
    where r.is_mention
    qualify row_number() over (
        partition by k.entity_id, k.name_rank order by k.bucket, k.key
    ) <= $keys_per_name
)

select * from final
