-- What resolution compares: one row per entity it may link. Mentions (records
-- with no register identifier ($register_schemes): corporate PSCs, list entries, BODS parties,
-- referenced-only endpoints) are matched against every record; register
-- records (an LEI or a Companies House number) only against mentions. PSC
-- individuals are left out: millions of natural persons named without a
-- birth date cannot be linked safely by name (docs: README, entity resolution).
with entities as (
    select * from canonical.entities
),

identifiers as (
    select * from canonical.identifiers
),

countries as (
    select * from canonical.countries
),

registered as (
    select distinct entity_id
    from identifiers
    where is_strong and list_contains($register_schemes::varchar[], scheme)
),

kinds as (
    select
        entity_id,
        -- An entity several sources describe keeps the most specific kind.
        min(case kind
            when 'person' then 'person'
            when 'vessel' then 'vessel'
            when 'aircraft' then 'aircraft'
            when 'unknown' then 'zany'
            else 'org'
        end) as kind_group,
        bool_and(source = 'gb_coh_psc' and kind = 'person') as psc_individual
    from entities
    group by entity_id
),

kept as (
    select entity_id, kind_group
    from kinds
    where not psc_individual
),

-- Distinct first, and only for the kept records (PSC individuals are half of
-- all entities): the per-entity lists are then built from small groups, and
-- sorted as lists rather than by an ordered aggregate, which cannot spill.
entity_country_pairs as (
    select distinct c.entity_id, c.country
    from countries as c
    semi join kept as k on k.entity_id = c.entity_id
),

entity_countries as (
    select entity_id, list_sort(list(country)) as countries
    from entity_country_pairs
    group by entity_id
),

final as (
    select
        k.entity_id,
        replace(k.kind_group, 'zany', 'any') as kind_group,
        r.entity_id is null as is_mention,
        coalesce(c.countries, []::varchar[]) as countries
    from kept as k
    left join registered as r on r.entity_id = k.entity_id
    left join entity_countries as c on c.entity_id = k.entity_id
)

select * from final
