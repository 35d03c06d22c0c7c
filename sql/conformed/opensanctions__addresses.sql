-- Addresses of OpenSanctions FtM parties: the Address entities a party
-- names in `addressEntity` (with city, region, postal code and ISO country)
-- and the `address` strings it carries (full text only: the string states no
-- country of its own). A string equal to the full text of one of the party's
-- Address entities is the same address and is left out.
with parties as (
    select * from staging.stg_opensanctions__entities
),

addresses as (
    select * from staging.stg_opensanctions__addresses
),

codes as (
    select * from staging.stg_opensanctions__country_codes
),

linked as (
    select p.id as party_id, p.snapshot_id, a.full, a.street, a.street2, a.city, a.postal_code,
        a.region, a.state, a.country
    from (
        select id, snapshot_id, unnest(address_entity) as address_id from parties
    ) as p
    inner join addresses as a on a.id = p.address_id
),

from_entities as (
    select
        l.party_id,
        coalesce(
            l.full[1],
            nullif(concat_ws(', ', l.street[1], l.street2[1], l.city[1], l.postal_code[1]), '')
        ) as full_address,
        l.city[1] as city,
        coalesce(l.region[1], l.state[1]) as region,
        l.postal_code[1] as postal_code,
        c.country,
        l.snapshot_id
    from linked as l
    left join codes as c on c.code = l.country[1]
),

from_strings as (
    select s.party_id, s.full_address, null::varchar as city, null::varchar as region,
        null::varchar as postal_code, null::varchar as country, s.snapshot_id
    from (
        select id as party_id, snapshot_id, unnest(address) as full_address from parties
    ) as s
    where not exists (
        select 1 from from_entities as e
        where e.party_id = s.party_id and e.full_address = s.full_address
    )
),

final as (
    select distinct
        'os-' || lower(party_id) as entity_id,
        'address' as address_type,
        full_address,
        city,
        region,
        postal_code,
        country,
        null::varchar as lang,
        'opensanctions' as source,
        party_id as source_record,
        snapshot_id
    from (
        select * from from_entities
        union all
        select * from from_strings
    )
    where full_address is not null and trim(full_address) <> ''
)

select * from final
