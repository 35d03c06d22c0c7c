-- One entity per entry of OFAC's two legacy CSV sets, the SDN list (us_ofac_sdn)
-- and the non-SDN lists (us_ofac_cons): ids `ofac-<ent_num>`, shared because
-- OFAC uids are one id space across its lists. The legacy CSV states no
-- country of incorporation, so jurisdiction and hq_country stay null.
with entries as (
    select 'us_ofac_sdn' as source, * from staging.stg_us_ofac_sdn__entries
    union all by name
    select 'us_ofac_cons' as source, * from staging.stg_us_ofac_cons__entries
),

final as (
    select
        'ofac-' || e.ent_num as entity_id,
        -- SDN_Type is null for every non-individual, non-vessel, non-aircraft
        -- entry: an organisation of unstated legal form.
        case e.sdn_type
            when 'individual' then 'person'
            when 'vessel' then 'vessel'
            when 'aircraft' then 'aircraft'
            else 'organization'
        end as kind,
        e.sdn_name as name,
        null::varchar as jurisdiction,
        null::varchar as hq_country,
        'listed' as status,
        coalesce(e.sdn_type, 'entity') as category,
        source,
        cast(e.ent_num as varchar) as source_record,
        e.snapshot_id
    from entries as e
)

select * from final
