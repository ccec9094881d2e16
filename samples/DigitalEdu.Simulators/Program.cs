Console.WriteLine("simulators: not yet");
