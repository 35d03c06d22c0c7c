-- One entity per entry of the OFAC SDN list (legacy CSV): ids `ofac-<ent_num>`,
-- shared with the us_ofac_cons (non-SDN) source because OFAC uids are one id
-- space across the SDN and non-SDN lists. The legacy CSV states no country of
-- incorporation, so jurisdiction and hq_country stay null.
with entries as (
    select * from staging.stg_us_ofac_sdn__entries
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
        'us_ofac_sdn' as source,
        cast(e.ent_num as varchar) as source_record,
        e.snapshot_id
    from entries as e
)

select * from final
