-- us_ofac_cons_xml names: the CONS_ENHANCED.ZIP rows of the mapping both OFAC Enhanced XML
-- sources share (conformed/us_ofac_xml__names.sql: one schema, one mapping).
with shared as (
    select * from conformed.us_ofac_xml__names
),

final as (
    select * from shared
    where source = 'us_ofac_cons_xml'
)

select * from final
