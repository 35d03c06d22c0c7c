-- Names of the parties of the FCC Covered List: the one name its sentence gives.
with names as (
    select * from staging.stg_us_fcc_covered__names
),

final as (
    select
        'us-fcc-covered-' || lower(key) as entity_id,
        name,
        name_type,
        null::varchar as lang,
        strength,
        'us_fcc_covered' as source,
        key as source_record,
        snapshot_id
    from names
)

select * from final
