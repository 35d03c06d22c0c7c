-- us_ofac_sdn_xml list_memberships: the SDN_ENHANCED.XML rows of the mapping both OFAC Enhanced XML
-- sources share (conformed/us_ofac_xml__list_memberships.sql: one schema, one mapping).
with shared as (
    select * from conformed.us_ofac_xml__list_memberships
),

final as (
    select * from shared
    where source = 'us_ofac_sdn_xml'
)

select * from final
