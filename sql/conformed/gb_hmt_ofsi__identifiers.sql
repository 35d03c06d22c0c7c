-- Identifiers of the OFSI consolidated list targets: the Group ID (scheme
-- 'gb-ofsi', also printed as OFSIGroupID by the UK Sanctions List, so the two
-- lists resolve to one target), passport and national identity numbers (from
-- the number columns of the 2022 layout, or read from the 2018 free text), and
-- the references Other Information states: UN reference number ('un-sc'), UK
-- Sanctions List reference ('gb-uksl'), IMO number ('imo'). Values upper-cased
-- without spaces; the list names no issuer.
with entries as (
    select * from staging.stg_gb_hmt_ofsi__entries
),

identifiers as (
    select * from staging.stg_gb_hmt_ofsi__identifiers
),

group_ids as (
    select
        'gb-ofsi-' || lower(group_id) as entity_id,
        'gb-ofsi' as scheme,
        group_id as value,
        null::varchar as issuer,
        'gb_hmt_ofsi' as source,
        group_id as source_record,
        snapshot_id
    from entries
),

stated as (
    select distinct
        'gb-ofsi-' || lower(group_id) as entity_id,
        scheme,
        upper(replace(value, ' ', '')) as value,
        null::varchar as issuer,
        'gb_hmt_ofsi' as source,
        group_id as source_record,
        snapshot_id
    from identifiers
),

final as (
    select * from group_ids
    union all
    select * from stated
)

select * from final
