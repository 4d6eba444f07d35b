#pragma once
// An unbounded first-in first-out queue in one growing ring: what a current_thread runtime's run queue (a
// VecDeque in tokio) and the global inject queue need. Unlike std::deque it does not allocate and free a block
// every few hundred pushes, which a run of 10,000 tasks otherwise spends a good part of its time on.
#include <cstddef>
#include <utility>
#include <vector>

namespace wl {

template <class T>
class FifoRing {
public:
    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }
    T& front() { return slots_[head_]; }
    const T& operator[](std::size_t i) const { return slots_[(head_ + i) & (slots_.size() - 1)]; }
    T& operator[](std::size_t i) { return slots_[(head_ + i) & (slots_.size() - 1)]; }

    void push_back(T value)
    {
        if (size_ == slots_.size())
            grow();
        slots_[(head_ + size_) & (slots_.size() - 1)] = std::move(value);
        ++size_;
    }
    T pop_front()
    {
        T value = std::move(slots_[head_]);
        head_ = (head_ + 1) & (slots_.size() - 1);
        --size_;
        return value;
    }
    // Removes the i-th element, keeping the others' order (the global queue takes the first ready entry).
    T take(std::size_t i)
    {
        T value = std::move((*this)[i]);
        for (std::size_t k = i; k > 0; --k)
            (*this)[k] = std::move((*this)[k - 1]);
        head_ = (head_ + 1) & (slots_.size() - 1);
        --size_;
        return value;
    }
    void clear()
    {
        while (!empty())
            (void)pop_front();
    }

private:
    void grow()
    {
        std::vector<T> bigger(slots_.empty() ? 16 : slots_.size() * 2);
        for (std::size_t i = 0; i < size_; ++i)
            bigger[i] = std::move((*this)[i]);
        slots_ = std::move(bigger);
        head_ = 0;
    }

    std::vector<T> slots_;  // a power of two in size
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

}  // namespace wl
