#include "TaskMemory.h"

#include <pthread.h>

namespace wl {

std::size_t defaultThreadStackBytes()
{
    pthread_attr_t attr;
    std::size_t size = 0;
    if (pthread_attr_init(&attr) == 0) {
        pthread_attr_getstacksize(&attr, &size);
        pthread_attr_destroy(&attr);
    }
    return size;
}

}  // namespace wl
