-- The list's own key of each DoD section 1260H company (scheme
-- 'us-dod-1260h'): DoD numbers nothing, so the key is the hash of the clean
-- name's comparison form the entity id is made of; it lets a company be
-- found again across snapshots of the transcription.
with entries as (
    select * from staging.stg_us_dod_1260h__entries
),

final as (
    select
        'us-dod-1260h-' || lower(key) as entity_id,
        'us-dod-1260h' as scheme,
        upper(key) as value,
        null::varchar as issuer,
        'us_dod_1260h' as source,
        key as source_record,
        snapshot_id
    from entries
)

select * from final
