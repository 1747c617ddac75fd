// Hawkes on real data (ICEWS18) and through the CLI.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "ladder/hawkes.h"

namespace ladder::analytics {
namespace {

const std::string kIcews =
    std::string(LADDER_SHARED_DIR) + "/data/gdelt-events/icews18/";

TEST(HawkesIcewsTest, HeldOutLikelihoodBeatsBothBaselines) {
  if (!std::filesystem::exists(kIcews + "test.txt")) {
    GTEST_SKIP() << "ICEWS18 not found at " << kIcews
                 << " (shared data absent)";
  }
  Result<Points> points = ReadQuadruplePoints(
      {kIcews + "valid.txt", kIcews + "test.txt"}, 20, 24, 1);
  ASSERT_TRUE(points.ok()) << points.status().ToString();
  EXPECT_EQ(points->dimensions, 20);
  EXPECT_DOUBLE_EQ(points->end, 64.0);  // 64 days
  EXPECT_EQ(points->names[0], "Police (India)");
  const double split = points->end - 14.0;
  HawkesOptions o;
  o.standard_errors = false;
  Result<HawkesFit> fit = FitHawkes(PointsBefore(*points, split), o);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_GT(fit->branching_ratio, 0.3);  // news activity is self-exciting
  EXPECT_LT(fit->branching_ratio, 1.0);
  Result<HeldOut> h = EvaluateHeldOut(fit->model, *points, split, 7.0);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_GT(h->events, 3000);
  // Per event, Hawkes gains over both baselines by a clear margin.
  EXPECT_GT((h->loglik - h->poisson_loglik) / h->events, 0.01);
  EXPECT_GT((h->loglik - h->persistence_loglik) / h->events, 0.01);
}

TEST(HawkesIcewsTest, QuadrupleReaderNamesTheBadLine) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("ladder_hawkes_quads_" + std::to_string(::getpid()) + ".txt");
  std::ofstream(path) << "1 2 3 24 0\n1 x 3 48\n";
  Result<Points> p = ReadQuadruplePoints({path.string()}, 5, 24, 1);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(),
            path.string() + ":2: expected 'subject relation object time'");
}

// Runs the CLI; returns its exit code and stdout.
int RunLadder(const std::string& args, std::string* out) {
  const std::string cmd =
      std::string(LADDER_BINARY) + " " + args + " 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  if (!pipe) return -1;
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe.get())) > 0) out->append(buf, n);
  const int status = pclose(pipe.release());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(HawkesCliTest, FitJsonHasTheDocumentedFields) {
  if (!std::filesystem::exists(LADDER_BINARY)) {
    GTEST_SKIP() << "ladder binary not built at " << LADDER_BINARY;
  }
  HawkesModel m;
  m.dimensions = 2;
  m.decays = {1.0};
  m.mu = {0.5, 0.3};
  m.alpha = {0.3, 0.0, 0.4, 0.1};
  Result<Points> sim = SimulateHawkes(m, 400.0, {});
  ASSERT_TRUE(sim.ok());
  const auto path = std::filesystem::temp_directory_path() /
                    ("ladder_hawkes_cli_" + std::to_string(::getpid()) + ".csv");
  {
    std::ofstream csv(path);
    csv << "time,dimension\n";
    for (size_t n = 0; n < sim->times.size(); ++n) {
      csv << sim->times[n] << "," << (sim->dims[n] == 0 ? "east" : "west")
          << "\n";
    }
  }
  std::string out;
  ASSERT_EQ(RunLadder("escalation fit --points " + path.string() +
                          " --decay 1 --heldout-days 40 --format json",
                      &out),
            0);
  const nlohmann::json j = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << out;
  EXPECT_EQ(j["dimensions"].size(), 2u);
  EXPECT_EQ(j["alpha"].size(), 2u);
  EXPECT_DOUBLE_EQ(j["decay"].get<double>(), 1.0);
  EXPECT_GT(j["branching_ratio"].get<double>(), 0.1);
  for (const char* key : {"loglik", "poisson_loglik", "persistence_loglik"}) {
    EXPECT_TRUE(j["heldout"][key].is_number()) << key;
  }
  std::string bad_out;
  std::ofstream(path) << "time,dimension\n1.0,a\n2.0\n";
  EXPECT_EQ(RunLadder("escalation fit --points " + path.string(), &bad_out), 1);
}

// A points CSV of `days` days simulated from a Poisson process.
std::string WritePoissonCsv(const std::string& name, double days) {
  HawkesModel m;
  m.dimensions = 3;
  m.decays = {1.0};
  m.mu = {2.0, 1.0, 0.3};
  m.alpha.assign(9, 0.0);
  Result<Points> sim = SimulateHawkes(m, days, {});
  const auto path =
      std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "_" + name);
  std::ofstream csv(path);
  csv << "time,dimension\n";
  if (sim.ok()) {
    for (size_t n = 0; n < sim->times.size(); ++n)
      csv << sim->times[n] << "," << sim->dims[n] << "\n";
  }
  return path.string();
}

TEST(HawkesCliTest, EvaluateJsonHasEveryModelAndScore) {
  if (!std::filesystem::exists(LADDER_BINARY)) {
    GTEST_SKIP() << "ladder binary not built at " << LADDER_BINARY;
  }
  const std::string path = WritePoissonCsv("ladder_eval_cli.csv", 60.0);
  std::string out;
  ASSERT_EQ(RunLadder("escalation evaluate --points " + path +
                          " --origins 3 --horizon 5 --paths 100 --format json",
                      &out),
            0);
  const nlohmann::json j = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << out;
  EXPECT_EQ(j["origins"].size(), 3u);
  ASSERT_EQ(j["models"].size(), 10u);  // 8 baselines, Hawkes, daily
  for (const auto& m : j["models"]) {
    for (const char* key : {"crps", "log_score", "mae", "coverage50",
                            "coverage90", "pit_max_deviation"}) {
      EXPECT_TRUE(m[key].is_number()) << m["model"] << " " << key;
    }
    EXPECT_EQ(m["pit"].size(), 10u);
    EXPECT_EQ(m["forecasts"].get<int>(), 3 * 5 * 3);
  }
  EXPECT_TRUE(j["warnings"].is_array());
  // The zero forecast's CRPS is the mean count; persistence is worse than
  // the training mean on Poisson data.
  EXPECT_GT(j["models"][0]["crps"].get<double>(),
            j["models"][6]["crps"].get<double>());
}

TEST(HawkesCliTest, FitReportsTheDailyBranchingRatioWithAnInterval) {
  if (!std::filesystem::exists(LADDER_BINARY)) {
    GTEST_SKIP() << "ladder binary not built at " << LADDER_BINARY;
  }
  const std::string path = WritePoissonCsv("ladder_fit_daily.csv", 64.0);
  std::string out;
  ASSERT_EQ(RunLadder("escalation fit --points " + path + " --bootstrap 19 --format json", &out),
            0);
  const nlohmann::json j = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << out;
  const auto& d = j["daily"];
  ASSERT_TRUE(d.is_object()) << out;
  ASSERT_EQ(d["branching_ratio_ci"].size(), 2u);
  EXPECT_TRUE(d["branching_ratio_ci"][0].is_number());
  EXPECT_TRUE(d["branching_ratio_ci"][1].is_number());
  EXPECT_TRUE(d["p_value"].is_number());
  EXPECT_TRUE(d["significant"].is_boolean());
  EXPECT_TRUE(d["branching_ratio"].get<double>() < 0.1 ||
              !d["significant"].get<bool>());
  EXPECT_TRUE(j["warnings"].is_array());
}

// A dimension with a handful of events is left out of the strongest-
// excitation list, and the list says so (issue 14: a dimension with one event
// led it).
TEST(HawkesCliTest, FitLeavesSparseDimensionsOutOfTheExcitationList) {
  if (!std::filesystem::exists(LADDER_BINARY)) {
    GTEST_SKIP() << "ladder binary not built at " << LADDER_BINARY;
  }
  const std::string path = WritePoissonCsv("ladder_fit_sparse.csv", 30.0);
  {
    std::ofstream csv(path, std::ios::app);
    csv << "3.5,3\n17.25,3\n";  // dimension 3: two events in 30 days
  }
  std::string out;
  ASSERT_EQ(RunLadder("escalation fit --points " + path + " --bootstrap 0", &out), 0) << out;
  EXPECT_NE(out.find("1 dimension(s) with fewer than 10 events left out"), std::string::npos)
      << out;
  size_t list = out.find("strongest excitation");
  ASSERT_NE(list, std::string::npos) << out;
  size_t end = out.find("\n\n", list);
  std::string listed = out.substr(list, end == std::string::npos ? std::string::npos : end - list);
  EXPECT_EQ(listed.find(" 3 "), std::string::npos) << listed;
}

TEST(HawkesCliTest, EvaluateBadInputIsOneLineAndNonZero) {
  if (!std::filesystem::exists(LADDER_BINARY)) {
    GTEST_SKIP() << "ladder binary not built at " << LADDER_BINARY;
  }
  const std::string path = WritePoissonCsv("ladder_eval_short.csv", 10.0);
  const std::string empty = (std::filesystem::temp_directory_path() /
                             ("ladder_eval_empty_" + std::to_string(::getpid()) + ".csv"))
                                .string();
  std::ofstream(empty) << "";
  std::string out;
  EXPECT_EQ(RunLadder("escalation evaluate --points " + path, &out), 2);
  EXPECT_EQ(RunLadder("escalation evaluate --points " + path + " --horizn 3",
                      &out),
            2);
  EXPECT_EQ(RunLadder("escalation evaluate --points " + path +
                          " --origins abc",
                      &out),
            2);
  EXPECT_EQ(RunLadder("escalation evaluate --points " + empty, &out), 1);
  EXPECT_TRUE(out.empty()) << out;  // errors go to stderr only
  // The message is one line naming the problem.
  const std::string cmd = std::string(LADDER_BINARY) +
                          " escalation evaluate --points " + path +
                          " 2>&1 >/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  ASSERT_TRUE(pipe);
  char buf[1024] = {0};
  const size_t n = fread(buf, 1, sizeof buf - 1, pipe.get());
  const std::string err(buf, n);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_NE(err.find("needs at least 14 days"), std::string::npos) << err;
}

}  // namespace
}  // namespace ladder::analytics
