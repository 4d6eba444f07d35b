#include "Executor.h"

#include "SimulatedDriver.h"
#include "ThreadedDriver.h"

#include <stdexcept>

namespace wl {

Executor::Executor(ExecutorConfig config) : config_(std::move(config))
{
    if (config_.workers < 1 || config_.workers > kMaxWorkers)
        throw std::invalid_argument("workers must be between 1 and " + std::to_string(kMaxWorkers) + ", got "
                                    + std::to_string(config_.workers));
    if (!config_.control)
        config_.control = std::make_shared<RunControl>();
    scheduler_ = std::make_unique<Scheduler>(config_.mode, config_.workers, config_.recording, config_.control);
    if (config_.mode == Mode::Simulated)
        driver_ = std::make_unique<SimulatedDriver>(*scheduler_, config_.seed);
    else
        driver_ = std::make_unique<ThreadedDriver>(*scheduler_);
    scheduler_->setDriver(driver_.get());
}

Executor::~Executor()
{
    if (driver_)
        driver_->stop();
}

void Executor::drive(JoinCore& root)
{
    if (ran_)
        throw std::logic_error("Executor::block_on runs once");
    ran_ = true;
    driver_->runUntil(root);
    auto unstarted = driver_->stop();
    scheduler_->shutdown(unstarted);
    {
        ContextScope outside({scheduler_.get(), nullptr, nullptr, kNoLane, 0});
        trace_.duration = scheduler_->now();
    }
    scheduler_->recorder().finish(trace_);
    trace_.scenario = config_.scenario;
    trace_.params = config_.params;
    trace_.mode = config_.mode;
    trace_.workers = config_.workers;
    trace_.seed = config_.seed;
    trace_.lanes = scheduler_->lanes();
    if (!trace_.events.empty())
        trace_.duration = std::max(trace_.duration, trace_.events.back().time);
}

}  // namespace wl
