-- Every legal or natural person, vessel or aircraft a source record describes:
-- one row per source record, before entity resolution.
with gleif as (
    select * from staging.stg_global_gleif_lei__entities
),

-- ISO 20275 has one row per (code, language): the name in the language of the
-- entity's legal name where the list has one, else English, else the first.
elf as (
    select * from staging.stg_global_gleif_elf__elf_codes
),

-- One name per (code, language): the list repeats a few pairs (X0SD/pt in v1.6);
-- an active row wins over an inactive one.
elf_by_lang as (
    select elf_code, language_code, arg_min(local_name, status) as local_name
    from elf
    where local_name is not null
    group by elf_code, language_code
),

elf_default as (
    select
        elf_code,
        arg_min(local_name, case when language_code = 'en' then '' else language_code end)
            as local_name
    from elf
    where local_name is not null
    group by elf_code
),

gleif_hq as (
    select lei, any_value(country) as country
    from staging.stg_global_gleif_lei__addresses
    where address_type = 'HEADQUARTERS'
    group by lei
),

rr as (
    select * from staging.stg_global_gleif_rr__relationships
),

memberships as (
    select * from canonical.list_memberships
),

gleif_entities as (
    select
        'lei-' || lower(g.lei) as entity_id,
        -- LEI-CDF 3.1 EntityCategory: a sole proprietor is a natural person
        -- trading under their own name; government entities are state bodies.
        case g.entity_category
            when 'SOLE_PROPRIETOR' then 'person'
            when 'RESIDENT_GOVERNMENT_ENTITY' then 'state_body'
            when 'INTERNATIONAL_ORGANIZATION' then 'state_body'
            else 'company'
        end as kind,
        g.legal_name as name,
        g.legal_jurisdiction as jurisdiction,
        hq.country as hq_country,
        lower(coalesce(g.entity_status, 'unknown')) as status,
        g.entity_category as category,
        -- ISSUED, LAPSED, RETIRED, MERGED, ANNULLED, ...: the LEI's own status, apart
        -- from the entity's (a LAPSED LEI still names an ACTIVE entity).
        g.registration_status,
        g.legal_form_code,
        -- LEI-CDF 3.1: 8888 = form not on the ELF list yet, named in OtherLegalForm;
        -- 9999 = no separate legal form. OtherLegalForm also fills in for a code the
        -- loaded list lacks (an older or newer list version).
        case
            when g.legal_form_code = '9999' then coalesce(g.other_legal_form, 'no separate legal form')
            else coalesce(elf_lang.local_name, elf_default.local_name, g.other_legal_form)
        end as legal_form,
        'global_gleif_lei' as source,
        g.lei as source_record,
        g.snapshot_id
    from gleif as g
    left join gleif_hq as hq on hq.lei = g.lei
    left join elf_by_lang as elf_lang
        on elf_lang.elf_code = g.legal_form_code
        and elf_lang.language_code = lower(split_part(g.legal_name_lang, '-', 1))
    left join elf_default on elf_default.elf_code = g.legal_form_code
),

-- LEIs that Level 2 names but the Level 1 file lacks (excerpts, or records
-- published between the two files): still legal entities with an LEI that a
-- customer may present, so they become nodes of unknown kind.
rr_endpoints as (
    select start_node_id as lei, snapshot_id from rr where start_node_id_type = 'LEI'
    union
    select end_node_id as lei, snapshot_id from rr where end_node_id_type = 'LEI'
),

referenced_only as (
    select
        'lei-' || lower(e.lei) as entity_id,
        'unknown' as kind,
        e.lei as name,
        null as jurisdiction,
        null as hq_country,
        'referenced_only' as status,
        null as category,
        'global_gleif_rr' as source,
        e.lei as source_record,
        any_value(e.snapshot_id) as snapshot_id
    from rr_endpoints as e
    left join gleif as g on g.lei = e.lei
    where g.lei is null
    group by e.lei
),

-- By name: only GLEIF rows have a legal form; other sources' rows get nulls there.
registers as (
    select * from gleif_entities
    union all by name
    select * from referenced_only
    union all by name
    select * from conformed.bods__entities
    union all by name
    select * from conformed.gb_coh_companies__entities
    union all by name
    select * from conformed.gb_coh_psc__entities
),

lists as (
    select * from conformed.us_ofac_sdn__entities
    union all by name
    select * from conformed.us_ofac_cons__entities
    union all by name
    select * from conformed.us_dod_1260h__entities
    union all by name
    select * from conformed.us_fcc_covered__entities
    union all by name
    select * from conformed.us_ndaa_889__entities
    union all by name
    select * from conformed.us_bis_mieu__entities
    union all by name
    select * from conformed.us_trade_csl__entities
    union all by name
    select * from conformed.us_bis_dpl__entities
    union all by name
    select * from conformed.un_sc_sanctions__entities
    union all by name
    select * from conformed.eu_fsf__entities
    union all by name
    select * from conformed.gb_hmt_ofsi__entities
    union all by name
    select * from conformed.gb_uk_sanctions_list__entities
    union all by name
    select * from conformed.us_ofac_sdn_xml__entities
    union all by name
    select * from conformed.us_ofac_cons_xml__entities
    union all by name
    select * from conformed.opensanctions__entities
),

-- A list entry that a newer snapshot dropped, from a source that keeps no row
-- for it: still an entity (named by its list key; its names are in earlier
-- snapshots), so its dated delisting has a node to explain. Membership ids
-- carry their list's prefix (conformed/lists__memberships.sql), so only list
-- rows can name them: the registers' millions of rows are not read twice.
delisted_only as (
    select
        m.entity_id,
        'unknown' as kind,
        any_value(m.source_record) as name,
        'delisted' as status,
        m.source,
        any_value(m.source_record) as source_record,
        any_value(m.snapshot_id) as snapshot_id
    from memberships as m
    anti join lists as d on d.entity_id = m.entity_id
    where m.delisted_on is not null
    group by m.entity_id, m.source
),

final as (
    select * from registers
    union all by name
    select * from lists
    union all by name
    select * from delisted_only
)

select * from final
