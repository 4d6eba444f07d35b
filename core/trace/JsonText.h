#pragma once
// A string as a JSON string literal, quotes included, escaped the way QJsonDocument reads it back.
#include <string>

namespace wl {
std::string jsonQuoted(const std::string& s);
}
