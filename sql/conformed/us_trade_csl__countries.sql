-- Citizenships and nationalities the CSL states for individuals (Treasury
-- rows), as ISO alpha-2.
with countries as (
    select * from staging.stg_us_trade_csl__countries
),

final as (
    select distinct
        'csl-' || lower(id) as entity_id,
        country_code as country,
        role,
        'us_trade_csl' as source,
        id as source_record,
        snapshot_id
    from countries
    where country_code is not null
)

select * from final
