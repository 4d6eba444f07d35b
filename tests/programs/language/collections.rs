// Vec, iterators, Option and Result, and match with guards, ranges, alternatives and nested variants.
fn main() {
    let mut v = vec![3, 1, 2];
    v.push(5);
    v.sort();
    println!("{:?} len {}", v, v.len());
    let squares: Vec<i32> = v.iter().map(|x| x * x).collect();
    println!("{:?}", squares);
    let evens: Vec<i32> = (1..=10).filter(|n| n % 2 == 0).collect();
    println!("{:?} sum {}", evens, evens.iter().sum::<i32>());
    for (i, x) in v.iter().enumerate() {
        if i == 1 {
            println!("{}: {}", i, x);
        }
    }
    println!("{:?} {:?}", v.first(), v.get(9));
    match v.pop() {
        Some(n) if n > 4 => println!("popped big {}", n),
        Some(n) => println!("popped {}", n),
        None => println!("empty"),
    }
    let words = vec!["a", "b", "c"];
    println!("{}", words.join("-"));
    let maybe: Option<i32> = None;
    println!("{} {}", maybe.unwrap_or(7), Some(2).map(|x| x + 1).unwrap());
    let parsed: Result<i32, String> = "42".parse::<i32>().map_err(|e| e.to_string());
    println!("{:?} {}", parsed, "x1".parse::<i32>().is_err());
    let nested: Result<Result<u8, String>, String> = Ok(Err("inner".to_string()));
    match nested {
        Ok(Ok(v)) => println!("value {}", v),
        Ok(Err(e)) => println!("inner error {}", e),
        Err(_) => println!("outer error"),
    }
    for n in [0, 5, 10, 15] {
        let kind = match n {
            0 => "zero",
            1..=9 => "small",
            10 | 11 => "ten-ish",
            _ => "big",
        };
        println!("{} is {}", n, kind);
    }
    println!("{}", matches!(v.len(), 2..=3));
}
