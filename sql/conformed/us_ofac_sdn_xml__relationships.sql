-- us_ofac_sdn_xml relationships: the SDN_ENHANCED.XML rows of the mapping both OFAC Enhanced XML
-- sources share (conformed/us_ofac_xml__relationships.sql: one schema, one mapping).
with shared as (
    select * from conformed.us_ofac_xml__relationships
),

final as (
    select * from shared
    where source = 'us_ofac_sdn_xml'
)

select * from final
