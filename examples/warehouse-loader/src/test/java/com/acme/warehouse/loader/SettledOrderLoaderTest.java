package com.acme.warehouse.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class SettledOrderLoaderTest {

    @Test
    void replacesTheWholeDay() {
        JdbcTemplate jdbc = mock(JdbcTemplate.class);
        LocalDate day = LocalDate.of(2024, 12, 2);
        when(jdbc.update(eq(SettledOrderLoader.COPY_DAY), eq(day))).thenReturn(42);

        int loaded = new SettledOrderLoader(jdbc).load(day);

        assertThat(loaded).isEqualTo(42);
        verify(jdbc).update(SettledOrderLoader.DELETE_DAY, day);
    }
}
