-- The BIS Military-Intelligence End Users, one entity each. Every one is an
-- intelligence or reconnaissance body of a state's armed forces (15 CFR
-- 744.22(f)(2)), so kind 'state_body' whatever the transcription's generic
-- Type ("Organization", kept as category); the Country column names the state
-- it belongs to, i.e. its jurisdiction.
with entries as (
    select * from staging.stg_us_bis_mieu__entries
),

final as (
    select
        'us-bis-mieu-' || lower(key) as entity_id,
        'state_body' as kind,
        name,
        country as jurisdiction,
        null::varchar as hq_country,
        'listed' as status,
        type as category,
        'us_bis_mieu' as source,
        key as source_record,
        snapshot_id
    from entries
)

select * from final
