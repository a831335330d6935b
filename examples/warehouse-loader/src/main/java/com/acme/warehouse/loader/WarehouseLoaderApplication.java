package com.acme.warehouse.loader;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.time.LocalDate;

@SpringBootApplication
public class WarehouseLoaderApplication {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(WarehouseLoaderApplication.class, args)));
    }

    /** Loads the previous day unless a date is given as the first argument. */
    @Bean
    CommandLineRunner loadSettledOrders(SettledOrderLoader loader) {
        return args -> {
            LocalDate day = args.length > 0 ? LocalDate.parse(args[0]) : LocalDate.now().minusDays(1);
            loader.load(day);
        };
    }
}
