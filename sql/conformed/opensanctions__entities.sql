-- OpenSanctions FtM parties as canonical entities, id 'os-' || lower(FtM id).
-- FtM schema -> kind: Person -> person, Company -> company, Organization ->
-- organization, LegalEntity (FtM's party of unstated form) -> organization,
-- PublicBody -> state_body, Vessel -> vessel, Airplane -> aircraft.
-- status: 'listed' for an OpenSanctions target (the party a list names),
-- 'related' for a party published because a target links to it (an owner, a
-- subsidiary). category: the FtM schema. jurisdiction: the one ISO country of
-- FtM `jurisdiction` (not for persons; null when several); hq_country: FtM
-- states no headquarters. Ids that Ownerships, Directorships, Sanctions or
-- Securities name but the file lacks (an excerpt, or a link to an entity of
-- another schema) become 'referenced_only' rows of kind unknown, so every link
-- and membership ends at an entity (a delisted entry's row comes from
-- canonical.entities, for every list).
with parties as (
    select * from staging.stg_opensanctions__entities
),

codes as (
    select * from staging.stg_opensanctions__country_codes
),

ownerships as (
    select * from staging.stg_opensanctions__ownerships
),

directorships as (
    select * from staging.stg_opensanctions__directorships
),

sanctions as (
    select * from staging.stg_opensanctions__sanctions
),

securities as (
    select * from staging.stg_opensanctions__securities
),


jurisdictions as (
    select j.id, min(c.country) as country
    from (
        select id, unnest(jurisdiction) as code from parties where schema <> 'Person'
    ) as j
    inner join codes as c on c.code = j.code
    where c.country is not null
    group by j.id
    having count(distinct c.country) = 1
),

party_rows as (
    select
        'os-' || lower(p.id) as entity_id,
        case p.schema
            when 'Person' then 'person'
            when 'Company' then 'company'
            when 'PublicBody' then 'state_body'
            when 'Vessel' then 'vessel'
            when 'Airplane' then 'aircraft'
            else 'organization'
        end as kind,
        coalesce(p.caption, p.name[1], p.id) as name,
        j.country as jurisdiction,
        null::varchar as hq_country,
        case when p.target then 'listed' else 'related' end as status,
        p.schema as category,
        'opensanctions' as source,
        p.id as source_record,
        p.snapshot_id
    from parties as p
    left join jurisdictions as j on j.id = p.id
),

referenced as (
    select unnest(list_concat(owner, asset)) as id, snapshot_id from ownerships
    union all
    select unnest(list_concat(director, organization)) as id, snapshot_id from directorships
    union all
    select unnest(entity) as id, snapshot_id from sanctions
    union all
    select unnest(issuer) as id, snapshot_id from securities
),

referenced_only as (
    select
        'os-' || lower(r.id) as entity_id,
        'unknown' as kind,
        any_value(r.id) as name,
        null::varchar as jurisdiction,
        null::varchar as hq_country,
        'referenced_only' as status,
        null::varchar as category,
        'opensanctions' as source,
        any_value(r.id) as source_record,
        max(r.snapshot_id) as snapshot_id
    from referenced as r
    where r.id is not null and r.id <> ''
        and 'os-' || lower(r.id) not in (select entity_id from party_rows)
    group by 'os-' || lower(r.id)
),

final as (
    select * from party_rows
    union all
    select * from referenced_only
)

select * from final
