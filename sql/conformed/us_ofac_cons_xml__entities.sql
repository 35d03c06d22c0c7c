-- us_ofac_cons_xml entities: the CONS_ENHANCED.ZIP rows of the mapping both OFAC Enhanced XML
-- sources share (conformed/us_ofac_xml__entities.sql: one schema, one mapping).
with shared as (
    select * from conformed.us_ofac_xml__entities
),

final as (
    select * from shared
    where source = 'us_ofac_cons_xml'
)

select * from final
