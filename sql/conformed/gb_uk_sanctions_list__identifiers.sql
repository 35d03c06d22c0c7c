-- Identifiers of the UK Sanctions List designations: the UniqueID ('gb-uksl'),
-- the OFSIGroupID ('gb-ofsi': the Group ID of the former OFSI consolidated
-- list, so designations of one target, and the OFSI list's records, resolve
-- together), the UN reference number ('un-sc'), passport and national
-- identifier numbers, business registration numbers ('registration', no
-- issuer stated) and ships' IMO numbers. Values upper-cased without spaces.
with designations as (
    select * from staging.stg_gb_uk_sanctions_list__designations
),

identifiers as (
    select * from staging.stg_gb_uk_sanctions_list__identifiers
),

list_ids as (
    select
        'gb-uksl-' || lower(unique_id) as entity_id,
        ids.scheme,
        upper(replace(ids.value, ' ', '')) as value,
        null::varchar as issuer,
        'gb_uk_sanctions_list' as source,
        unique_id as source_record,
        snapshot_id
    from designations
    cross join lateral (
        values
            ('gb-uksl', unique_id),
            ('gb-ofsi', ofsi_group_id),
            ('un-sc', un_reference_number)
    ) as ids (scheme, value)
    where ids.value is not null
),

stated as (
    select distinct
        'gb-uksl-' || lower(unique_id) as entity_id,
        scheme,
        upper(replace(value, ' ', '')) as value,
        null::varchar as issuer,
        'gb_uk_sanctions_list' as source,
        unique_id as source_record,
        snapshot_id
    from identifiers
),

final as (
    select * from list_ids
    union all
    select * from stated
)

select * from final
