-- Countries OpenSanctions FtM parties are linked to, other than address
-- countries (canonical derives those from addresses): nationality ->
-- nationality, citizenship -> citizenship, jurisdiction -> registration,
-- mainCountry -> main_country (FtM: the party's primary country), country
-- -> country (FtM's generic "associated with this country", stated without
-- saying how). FtM codes map to ISO 3166-1 alpha-2 through the parse's
-- country_codes table (a region such as "ua-cri" -> UA); FtM codes that name
-- no current country ("suhh", "eu", "zz") are left out.
with parties as (
    select * from staging.stg_opensanctions__entities
),

codes as (
    select * from staging.stg_opensanctions__country_codes
),

stated as (
    select id, snapshot_id, unnest(nationality) as code, 'nationality' as role from parties
    union all
    select id, snapshot_id, unnest(citizenship), 'citizenship' from parties
    union all
    select id, snapshot_id, unnest(jurisdiction), 'registration' from parties
    union all
    select id, snapshot_id, unnest(main_country), 'main_country' from parties
    union all
    select id, snapshot_id, unnest(country), 'country' from parties
),

final as (
    select distinct
        'os-' || lower(s.id) as entity_id,
        c.country,
        s.role,
        'opensanctions' as source,
        s.id as source_record,
        s.snapshot_id
    from stated as s
    inner join codes as c on c.code = s.code
    where c.country is not null
)

select * from final
