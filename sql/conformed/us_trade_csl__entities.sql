-- Entries of the US Consolidated Screening List as canonical entities, one per
-- CSV row (one row = one entry of one list: an SDN also on the SSI list is two
-- rows with two ids). The id is the CSL _id ('csl-' || _id; for Treasury rows
-- it equals the OFAC ent_num). Treasury rows state a type (Individual, Entity,
-- Vessel, Aircraft; Entity -> organization); BIS and State rows state none, and
-- the parser decides person or company only on evidence in the row (a legal
-- form in the name, a prison address), else 'unknown' (kind_basis says why).
-- The CSL states no country of incorporation: jurisdiction and hq_country stay
-- null (address countries are in the addresses).
with entries as (
    select * from staging.stg_us_trade_csl__entries
),

final as (
    select
        'csl-' || lower(id) as entity_id,
        kind,
        name,
        null::varchar as jurisdiction,
        null::varchar as hq_country,
        'listed' as status,
        type as category,
        'us_trade_csl' as source,
        id as source_record,
        snapshot_id
    from entries
)

select * from final
