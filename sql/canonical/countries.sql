-- Every country an entity is linked to, with the link's role. The
-- headquarters role is what the cn_control policy tests (POLICY_RULES §7).
-- `stated` is read twice below, and so are the CTEs it is made of: not
-- materialized, so each read scans the tables again instead of buffering 35 M
-- rows (which spilled 3 GB at register scale).
with entities as not materialized (
    select * from canonical.entities
),

addresses as not materialized (
    select * from canonical.addresses
),

jurisdictions as not materialized (
    select
        entity_id,
        country_of(jurisdiction) as country,
        'jurisdiction' as role,
        source,
        source_record,
        snapshot_id
    from entities
    where jurisdiction is not null
),

address_countries as not materialized (
    select
        entity_id,
        country,
        case address_type
            when 'legal' then 'legal_address'
            when 'headquarters' then 'headquarters'
            else 'address'
        end as role,
        source,
        source_record,
        snapshot_id
    from addresses
    where country is not null
),

-- The roles a register record states once by its format: an entity's
-- jurisdiction, GLEIF's legal and headquarters addresses, the Companies House
-- registered office, a PSC's service address. Their rows need no distinct,
-- which at register scale spills (35 M rows, 3 GB of temp files); a record
-- repeated in a snapshot repeats its entity row as well.
once_per_record (source, role) as (
    values
        ('global_gleif_lei', 'jurisdiction'),
        ('global_gleif_lei', 'legal_address'),
        ('global_gleif_lei', 'headquarters'),
        ('gb_coh_companies', 'jurisdiction'),
        ('gb_coh_companies', 'legal_address'),
        ('gb_coh_psc', 'jurisdiction'),
        ('gb_coh_psc', 'address')
),

stated as not materialized (
    select * from jurisdictions
    union all by name
    select * from address_countries
),

-- The rest can repeat a country in one role (GLEIF's other and transliterated
-- addresses, a PSC's two offices, BODS, and the lists, whose country facts may
-- name the jurisdiction again). One distinct over their union: DuckDB's hash
-- aggregate spills to disk within the memory limit, a chain of set unions did not.
repeatable as (
    select distinct * from (
        select s.* from stated as s
        anti join once_per_record as o on o.source = s.source and o.role = s.role
        union all by name
        select * from conformed.us_trade_csl__countries
        union all by name
        select * from conformed.un_sc_sanctions__countries
        union all by name
        select * from conformed.eu_fsf__countries
        union all by name
        select * from conformed.gb_hmt_ofsi__countries
        union all by name
        select * from conformed.gb_uk_sanctions_list__countries
        union all by name
        select * from conformed.us_ofac_sdn__countries
        union all by name
        select * from conformed.us_ofac_cons__countries
        union all by name
        select * from conformed.us_ofac_sdn_xml__countries
        union all by name
        select * from conformed.us_ofac_cons_xml__countries
        union all by name
        select * from conformed.opensanctions__countries
    )
),

final as (
    select s.* from stated as s
    semi join once_per_record as o on o.source = s.source and o.role = s.role
    union all by name
    select * from repeatable
)

select * from final
