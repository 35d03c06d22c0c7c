-- Citizenships the EU list states for persons (ISO alpha-2; "00" UNKNOWN and
-- withdrawn codes give none).
with citizenships as (
    select * from staging.stg_eu_fsf__citizenships
),

final as (
    select distinct
        'eu-fsf-' || logical_id as entity_id,
        country_code as country,
        'citizenship' as role,
        'eu_fsf' as source,
        cast(logical_id as varchar) as source_record,
        snapshot_id
    from citizenships
    where country_code is not null
)

select * from final
