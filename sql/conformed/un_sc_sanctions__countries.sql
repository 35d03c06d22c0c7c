-- Nationalities the UN consolidated list states for individuals (ISO
-- alpha-2); a nationality with no current country ("former Soviet Union")
-- has no code and is left out.
with nationalities as (
    select * from staging.stg_un_sc_sanctions__nationalities
),

final as (
    select
        'un-sc-' || dataid as entity_id,
        country_code as country,
        'nationality' as role,
        'un_sc_sanctions' as source,
        cast(dataid as varchar) as source_record,
        snapshot_id
    from nationalities
    where country_code is not null
)

select * from final
