-- Countries the UK Sanctions List states beside addresses: an individual's
-- nationalities (role 'nationality') and a ship's current believed flag (role
-- 'registration': the flag state is where the ship is registered). Previous
-- flags and countries of birth stay in staging.
with countries as (
    select * from staging.stg_gb_uk_sanctions_list__countries
),

final as (
    select distinct
        'gb-uksl-' || lower(unique_id) as entity_id,
        country_code as country,
        case role when 'nationality' then 'nationality' else 'registration' end as role,
        'gb_uk_sanctions_list' as source,
        unique_id as source_record,
        snapshot_id
    from countries
    where country_code is not null and role in ('nationality', 'current_flag')
)

select * from final
