package com.acme.warehouse.loader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;

@Component
public class SettledOrderLoader {

    private static final Logger log = LoggerFactory.getLogger(SettledOrderLoader.class);

    static final String DELETE_DAY =
            "DELETE FROM warehouse.fact_settled_orders WHERE settled_on = ?";

    static final String COPY_DAY = """
            INSERT INTO warehouse.fact_settled_orders
                (order_id, merchant_id, settled_on, currency, gross_minor, fee_minor)
            SELECT o.id, o.merchant_id, s.settled_on, o.currency, o.total_minor, s.fee_minor
            FROM replica.orders o
            JOIN replica.settlements s ON s.order_id = o.id
            WHERE s.settled_on = ?
            """;

    private final JdbcTemplate jdbc;

    public SettledOrderLoader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Idempotent: replaces the whole day, so a rerun never double-counts. */
    @Transactional
    public int load(LocalDate day) {
        int removed = jdbc.update(DELETE_DAY, day);
        int inserted = jdbc.update(COPY_DAY, day);
        log.info("loaded settled orders for {}: {} rows (replaced {})", day, inserted, removed);
        return inserted;
    }
}
