#include "binlake/capture/progress.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fake_clock.h"

namespace binlake::capture {
namespace {

using ::testing::ElementsAre;

TableProgress Orders(uint64_t rows) {
  TableProgress table;
  table.table = "shop.orders";
  table.rows = rows;
  table.estimated_rows = 2'000'000;
  table.chunks_done = 12;
  table.chunks_planned = 20;
  return table;
}

TEST(ProgressMeterTest, RateAndEtaFromSuccessiveSamples) {
  testing::FakeClock clock;
  ProgressMeter meter(clock);
  EXPECT_THAT(meter.Lines({Orders(0)}),
              ElementsAre("shop.orders  0 / ~2,000,000 rows  ? rows/s  ETA ?  chunks 12/20"));
  clock.AdvanceMicros(2'000'000);
  EXPECT_THAT(meter.Lines({Orders(1'000'000)}),
              ElementsAre("shop.orders  1,000,000 / ~2,000,000 rows  500,000 rows/s  ETA 0:00:02  "
                          "chunks 12/20"));
}

TEST(ProgressMeterTest, RateIsMeasuredOverTheLastWindow) {
  testing::FakeClock clock;
  ProgressMeter meter(clock);
  (void)meter.Lines({Orders(0)});
  for (int second = 1; second <= 10; ++second) {
    clock.AdvanceMicros(1'000'000);
    (void)meter.Lines({Orders(second <= 5 ? 0 : 100 * static_cast<uint64_t>(second - 5))});
  }
  clock.AdvanceMicros(1'000'000);
  // The window starts at second 6 (100 rows): 500 more rows in 5 s.
  EXPECT_THAT(meter.Lines({Orders(600)}), ElementsAre(::testing::HasSubstr(" 100 rows/s ")));
}

TEST(ProgressMeterTest, DoneTablesAndTablesPastTheirEstimate) {
  testing::FakeClock clock;
  ProgressMeter meter(clock);
  TableProgress done = Orders(300);
  done.done = true;
  done.chunks_done = done.chunks_planned = 1;
  TableProgress over = Orders(3'000'000);
  over.table = "shop.items";
  (void)meter.Lines({done, over});
  clock.AdvanceMicros(1'000'000);
  over.rows += 10;
  EXPECT_THAT(meter.Lines({done, over}),
              ElementsAre("shop.orders  300 rows  done  chunks 1/1",
                          "shop.items  3,000,010 / ~2,000,000 rows  10 rows/s  ETA ?  chunks "
                          "12/20"));
}

TEST(ProgressFormatTest, ThousandsAndDurations) {
  EXPECT_EQ(GroupThousands(0), "0");
  EXPECT_EQ(GroupThousands(999), "999");
  EXPECT_EQ(GroupThousands(1000), "1,000");
  EXPECT_EQ(GroupThousands(18446744073709551615u), "18,446,744,073,709,551,615");
  EXPECT_EQ(FormatDuration(3725), "1:02:05");
}

}  // namespace
}  // namespace binlake::capture
