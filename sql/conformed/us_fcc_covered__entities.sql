-- Companies the FCC Covered List names in its entries' sentences ("equipment
-- produced by Huawei Technologies Company, ..."), and the subsidiary an entry
-- names beside its company (ComNet (USA) LLC). The list does not say whether
-- a party is a company nor where it is incorporated: kind 'organization',
-- null countries. Entries covering a class of goods (foreign-produced
-- routers) name no party and make no entity.
with parties as (
    select * from staging.stg_us_fcc_covered__parties
),

final as (
    select
        'us-fcc-covered-' || lower(key) as entity_id,
        'organization' as kind,
        name,
        null::varchar as jurisdiction,
        null::varchar as hq_country,
        'listed' as status,
        null::varchar as category,
        'us_fcc_covered' as source,
        key as source_record,
        snapshot_id
    from parties
)

select * from final
